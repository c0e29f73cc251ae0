-- What a job asked of the machine its trainer runs on (GPU type and count); NULL: the executor's defaults.
ALTER TABLE fine_tuning_job ADD COLUMN resources jsonb;
