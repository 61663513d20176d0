create table customer_marketing_preferences (id bigint);
