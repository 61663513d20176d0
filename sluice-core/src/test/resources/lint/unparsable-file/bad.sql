insert into notes values ('this quote is never closed);
