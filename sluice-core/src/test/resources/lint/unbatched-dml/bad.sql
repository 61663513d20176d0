update orders set currency = 'EUR';
