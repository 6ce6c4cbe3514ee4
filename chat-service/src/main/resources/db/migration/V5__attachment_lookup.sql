-- storage-service asks whether a file is still attached to a live message of a conversation before it lets a member
-- download it (S10): found by file id, not by scanning the conversation
CREATE INDEX messages_attachments_idx ON messages USING gin (attachments) WHERE cardinality(attachments) > 0;
