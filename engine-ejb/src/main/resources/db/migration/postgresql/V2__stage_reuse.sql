-- Stage reuse: a pipeline stage remembers the fingerprint of what it ran (job, effective parameters, input digests)
-- and whether it reused an earlier run instead of running.
alter table PIPELINE_STAGE add column fingerprint varchar(64);
alter table PIPELINE_STAGE add column reused boolean default false not null;
