-- What a job's progress runs up to (the machine's disk size, 0 until known), and when its current
-- attempt began: WatchImage and `job list` show both, from any instance.
alter table image_job add column progress_total bigint default 0 not null;
alter table image_job add column started timestamp(3) with time zone;
-- WatchImage reads the job of a creating image by the image's id.
create index image_job_image on image_job (image_id);
