create table countries (code text primary key check (char_length(code) = 2));
