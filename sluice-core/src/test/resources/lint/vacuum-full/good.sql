vacuum (analyze) orders;
