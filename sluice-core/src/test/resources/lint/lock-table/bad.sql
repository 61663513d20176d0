lock table orders in access exclusive mode;
