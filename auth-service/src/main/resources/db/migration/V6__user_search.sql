-- display-name prefix search for starting conversations
CREATE INDEX users_display_name_prefix_idx ON users (lower(display_name) text_pattern_ops, id);
