-- Which columns the trainer one-hot encodes and which it leaves out (docs/trainer-contract.md); NULL: its rule.
ALTER TABLE fine_tuning_job ADD COLUMN column_choice jsonb;
