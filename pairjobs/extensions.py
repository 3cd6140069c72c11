"""Flask extensions, created unbound; create_app binds them."""

from typing import Any

from apispec.ext.marshmallow import MarshmallowPlugin
from flask_babel import Babel
from flask_caching import Cache
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_smorest import Api  # type: ignore[import-untyped]  # flask-smorest ships no type information
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from pairjobs.models.base import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
cache = Cache()
limiter = Limiter(key_func=get_remote_address)


class RestApi(Api):
    """flask-smorest's Api without its error handlers: pairjobs.web.errors renders every error."""

    def _register_error_handlers(self) -> None:
        pass


def schema_name(schema: Any) -> str:
    """A schema's name in the OpenAPI document; the partial (PATCH) variant is "…Patch"."""
    cls = schema if isinstance(schema, type) else type(schema)
    partial = not isinstance(schema, type) and schema.partial
    return cls.__name__.removesuffix("Schema") + ("Patch" if partial else "")


rest_api = RestApi(spec_kwargs={"marshmallow_plugin": MarshmallowPlugin(schema_name_resolver=schema_name)})
