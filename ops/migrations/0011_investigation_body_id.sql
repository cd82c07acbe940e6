-- Investigations were stored with "id": 0 in their body until their first change (the id was
-- drawn only on insert); readers of the body alone (the agenda, the iCalendar feed) named
-- "investigations/0". The service now writes the id into the body on insert; this sets it in
-- the bodies stored before. Version and updated_at stay: nothing a user changed.
UPDATE supervision.investigation
   SET body = jsonb_set(body, '{id}', to_jsonb(id))
 WHERE body->'id' IS DISTINCT FROM to_jsonb(id);
