create table machine (
    id       uuid          not null primary key,
    name     varchar(256)  not null,
    owner_id uuid          not null,
    state    varchar(16)   not null,
    brand    varchar(64),
    image_id uuid,
    disk     varchar(4096) not null
);

create index machine_owner_name on machine (owner_id, name);

-- Image creation jobs: the durable queue. A job whose lease ran out lost its worker.
create table image_job (
    id              uuid        not null primary key,
    image_id        uuid        not null,
    machine_id      uuid        not null,
    compression     varchar(8)  not null,
    state           varchar(16) not null,
    progress_bytes  bigint      not null,
    attempts        integer     not null,
    error           varchar(4096),
    machine_stopped boolean     not null,
    created         timestamp(3) with time zone not null,
    updated         timestamp(3) with time zone not null,
    lease_until     timestamp(3) with time zone
);

create index image_job_claim on image_job (state, created);
