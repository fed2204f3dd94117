-- A listing of public or private images only (?public=) is the rows of one is_public value in the
-- list order. Without an index in that order H2 took the (is_public, state, published_at) index and
-- sorted all the rows after the page's key for every page: 90,000 private images listed in 76 s.
create index image_public_published on image (is_public, published_at asc nulls first, id asc);
