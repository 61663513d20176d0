alter type order_state rename value 'canceled' to 'cancelled';
