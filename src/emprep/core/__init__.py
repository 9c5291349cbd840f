"""The types and the pure logic: no I/O, no clock, no environment."""
