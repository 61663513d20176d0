insert into notes values ('this quote is closed');
