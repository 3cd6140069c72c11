"""Accounts blueprint: registration, login, logout, the account page."""
