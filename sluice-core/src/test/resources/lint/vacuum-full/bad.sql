vacuum full orders;
