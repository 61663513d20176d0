alter type order_state add value if not exists 'refunded';
