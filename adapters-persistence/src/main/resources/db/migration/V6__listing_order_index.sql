-- ListImages reads in keyset pages: each page is the rows after the last one handed over, in the list
-- order (published_at with unpublished first, then id), limited. An index in exactly that order lets a
-- page start at its key and stop after its rows; PostgreSQL puts nulls last in an index unless told, so
-- there the index of V1 could not serve the order, and every page sorted all the rows after its key.
drop index image_published;
create index image_published on image (published_at asc nulls first, id asc);
-- The same for a listing of one owner's images (?owner=), which would otherwise take the
-- (owner_id, state) index and sort every page.
create index image_owner_published on image (owner_id, published_at asc nulls first, id asc);
