update orders set currency = 'EUR' where id between 1 and 10000 and currency is null;
