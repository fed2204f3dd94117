-- Content is held for whoever stored it until it is attached to an image or let go, so nothing
-- removes it in between; last_held is when the newest hold was taken, so the holds of a process
-- that died are dropped at a later start.
alter table image_file_blob add column holds integer default 0 not null;
alter table image_file_blob add column last_held timestamp(3) with time zone;
