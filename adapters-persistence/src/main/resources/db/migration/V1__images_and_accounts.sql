-- Images: one row each. acl_json and the json columns are what reads use; image_acl exists so
-- that the list query can find shared images with an index instead of scanning.
create table image (
    id                uuid          not null primary key,
    owner_id          uuid          not null,
    name              varchar(1024) not null,
    version           varchar(512)  not null,
    description       varchar(10240),
    homepage          varchar(1024),
    eula              varchar(1024),
    os                varchar(16),
    type              varchar(16),
    requirements_json clob          not null,
    tags_json         clob          not null,
    acl_json          clob          not null,
    is_public         boolean       not null,
    state             varchar(16)   not null,
    error_code        varchar(64),
    error_message     varchar(4096),
    file_sha1         char(40),
    file_size         bigint,
    file_compression  varchar(8),
    file_sha256       char(64),
    origin_id         uuid,
    published_at      timestamp(3) with time zone,
    revision          bigint        not null
);

create index image_owner_state on image (owner_id, state);
create index image_public_state on image (is_public, state, published_at);
create index image_published on image (published_at, id);
create index image_origin on image (origin_id);
create index image_name on image (name);

create table image_acl (
    image_id   uuid not null references image (id) on delete cascade,
    account_id uuid not null,
    primary key (image_id, account_id)
);

create index image_acl_account on image_acl (account_id, image_id);

create table account (
    id       uuid         not null primary key,
    login    varchar(64)  not null unique,
    email    varchar(256),
    operator boolean      not null,
    disabled boolean      not null,
    created  timestamp(3) with time zone not null,
    updated  timestamp(3) with time zone not null
);

create table account_key (
    account_id         uuid          not null references account (id) on delete cascade,
    name               varchar(256)  not null,
    md5_fingerprint    varchar(64)   not null,
    sha256_fingerprint varchar(64)   not null,
    public_key         varchar(16384) not null,
    primary key (account_id, name),
    unique (account_id, md5_fingerprint)
);
