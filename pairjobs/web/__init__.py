"""HTTP glue shared by the blueprints: access, the transaction helper, errors, headers, templating, labels."""
