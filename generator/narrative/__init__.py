"""情况说明 written from the computed figures with the profile's sentence templates."""
