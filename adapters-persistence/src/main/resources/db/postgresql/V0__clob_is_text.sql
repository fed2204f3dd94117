-- The migrations were first written for H2, whose unbounded text type is clob. On PostgreSQL that
-- type is text; this name for it lets the same migrations run on both.
create domain clob as text;
