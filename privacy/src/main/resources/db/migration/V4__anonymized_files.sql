-- A file made by k-anonymizing another keeps the report of how: levels, suppression, risk before and after.
ALTER TABLE file ADD COLUMN anonymization jsonb;
