-- Content-addressed image files: one row per distinct content, counting the images that use it.
create table image_file_blob (
    sha256     char(64)    not null primary key,
    sha1       char(40)    not null,
    md5_base64 varchar(32) not null,
    size       bigint      not null,
    references_count integer not null,
    created    timestamp(3) with time zone not null
);
