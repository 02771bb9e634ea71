"""The Tornado application: body limits checked per route before a body is read, the requests in
flight (for metrics and for a shutdown that lets them finish), and each answer counted.

Handlers do not stream: Tornado reads the whole body, then the handler runs, so an early answer
(a failed signature, an unknown route) never leaves half a request on the connection. The one
answer that must not wait for the body is "too large": the guard answers it from the headers
(or as soon as a chunked body passes the limit) with a 303 envelope and `Connection: close`,
the only honest way not to read the rest.
"""

import asyncio
import re

from tornado import httputil
from tornado.web import Application, OutputTransform

from common.jsonio import envelope, to_json
from common.logs import log_request
from common.metrics import begin_request
from handlers.base import BaseHandler

UNMATCHED = "(unmatched)"


class RadarApplication(Application):
    def __init__(self, handlers, ctx, **settings):
        super().__init__(handlers, ctx=ctx, log_function=log_request, **settings)
        self.ctx = ctx
        self.in_flight: dict = {}  # request -> its RequestRecord, from its headers to its answer
        self.draining = False
        self.templates = self._route_templates()
        self.add_transform(_close_when_draining(self))

    def _route_templates(self) -> dict[type, list[tuple[re.Pattern, str]]]:
        """handler class -> (its URL patterns, each with the literal part the README writes)."""
        table: dict[type, list] = {}
        for rule in self.wildcard_router.rules:
            regex = rule.matcher.regex
            literal = re.split(r"\(|/\?\$|\$", regex.pattern)[0].rstrip("/")
            table.setdefault(rule.target, []).append((regex, literal or "/"))
        return table

    def route_template(self, request, target_class, path_kwargs: dict) -> str:
        """The metrics' route label: a bounded set (the URL table times the operations), never a raw path."""
        found = next((rule for rule in self.templates.get(target_class, ()) if rule[0].match(request.path)), None)
        if found is None:
            return UNMATCHED
        regex, literal = found
        if not issubclass(target_class, BaseHandler) or not regex.groupindex.keys() & {"oper", "o_id"}:
            return literal + ("/*" if regex.groups else "")
        name = (path_kwargs.get("oper") or b"").decode("latin1")
        if not (target_class.operation_for("GET", name) or target_class.operation_for("POST", name)):
            return f"{literal}/(unknown)"
        return literal + (f"/{name}" if name else "") + ("/<id>" if path_kwargs.get("o_id") is not None else "")

    def get_handler_delegate(self, request, target_class, target_kwargs=None, path_args=None, path_kwargs=None):
        self.in_flight[request] = begin_request(self.route_template(request, target_class, path_kwargs or {}))
        delegate = super().get_handler_delegate(request, target_class, target_kwargs, path_args, path_kwargs)
        limit = None
        if issubclass(target_class, BaseHandler):
            limit = target_class.body_limit_for(self.ctx.cfg, request.method, path_kwargs or {})
        return BodyGuard(delegate, request, limit, self)

    def log_request(self, handler) -> None:
        super().log_request(handler)
        record = self.in_flight.pop(handler.request, None)
        if record is not None:
            code = getattr(handler, "answer_code", None) or handler.get_status()
            self.ctx.metrics.answered(handler.request.method, code, handler.request.request_time(), record)

    def forget(self, request, answered: int | None = None) -> None:
        """A request that will not reach a handler: its client left, or it was answered early (code)."""
        record = self.in_flight.pop(request, None)
        if record is not None and answered is not None:
            self.ctx.metrics.answered(request.method, answered, request.request_time(), record)

    async def finish_in_flight(self, timeout: float, hurry: asyncio.Event | None = None) -> int:
        """From now on every answer says `Connection: close`; wait until the requests in flight are
        answered, at most timeout (or until hurry is set). Returns how many were not."""
        self.draining = True
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self.in_flight and loop.time() < deadline and not (hurry and hurry.is_set()):
            await asyncio.sleep(0.02)
        return len(self.in_flight)


def _close_when_draining(app: RadarApplication) -> type:
    class CloseWhenDraining(OutputTransform):
        """While the server shuts down, clients are told not to send another request on the connection."""

        def transform_first_chunk(self, status_code, headers, chunk, finishing):
            if app.draining:
                headers["Connection"] = "close"
            return status_code, headers, chunk

    return CloseWhenDraining


class BodyGuard(httputil.HTTPMessageDelegate):
    """Around every request: its body limit (limit None: the handler's own), and the end of a request
    that never reaches a handler."""

    def __init__(self, inner: httputil.HTTPMessageDelegate, request, limit: int | None, app: RadarApplication):
        self.inner = inner
        self.request = request
        self.connection = request.connection
        self.limit = limit
        self.app = app
        self.received = 0
        self.refused = False
        self.complete = False

    def headers_received(self, start_line, headers):
        declared = headers.get("Content-Length", "")
        if self.limit is not None and declared.isdigit() and int(declared) > self.limit:
            self.refuse()
            return None
        return self.inner.headers_received(start_line, headers)

    def data_received(self, chunk: bytes):
        if self.refused:
            return None
        self.received += len(chunk)
        if self.limit is not None and self.received > self.limit:
            self.refuse()
            return None
        return self.inner.data_received(chunk)

    def finish(self) -> None:
        self.complete = True
        if not self.refused:
            self.inner.finish()

    def on_connection_close(self) -> None:
        if not self.complete:  # its handler will not answer (a streaming one returns without a word)
            self.app.forget(self.request)
        self.inner.on_connection_close()

    def refuse(self) -> None:
        """Answer now and close once the answer is out; what is still on its way is dropped."""
        self.refused = True
        self.app.forget(self.request, answered=303)
        body = to_json(envelope(303, f"body: 请求体过大,最大 {self.limit} 字节"))
        headers = httputil.HTTPHeaders({
            "Content-Type": "application/json; charset=UTF-8", "Content-Length": str(len(body)),
            "Connection": "close", "Access-Control-Allow-Origin": "*", "X-Content-Type-Options": "nosniff"})
        # Let the connection read (and we drop) the rest instead of answering it a second time
        # with a bare 400; it closes as soon as our answer has been written.
        self.connection.set_max_body_size(2**62)
        self.connection.write_headers(httputil.ResponseStartLine("HTTP/1.1", 200, "OK"), headers, body)
        self.connection.finish()
