"""The employer's space."""
