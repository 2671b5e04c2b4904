-- Raw messages are read in chunks (substring) when downloaded; uncompressed out-of-line storage lets each chunk read
-- only its own pages instead of decompressing the whole value.
alter table raw_messages alter column content set storage external;
