INSERT INTO authors (first_name, last_name) VALUES ('Ursula', 'Le Guin'), ('Terry', 'Pratchett');
