"""marshmallow schemas: the one definition of each input and output shape (API, forms, OpenAPI)."""
