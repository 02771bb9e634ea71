"""The Tornado application, with body limits checked per route before a body is read.

Handlers do not stream: Tornado reads the whole body, then the handler runs, so an early answer
(a failed signature, an unknown route) never leaves half a request on the connection. The one
answer that must not wait for the body is "too large": the guard answers it from the headers
(or as soon as a chunked body passes the limit) with a 303 envelope and `Connection: close`,
the only honest way not to read the rest.
"""

from tornado import httputil
from tornado.web import Application

from common.jsonio import envelope, to_json
from common.logs import log_request
from handlers.base import BaseHandler


class RadarApplication(Application):
    def __init__(self, handlers, ctx, **settings):
        super().__init__(handlers, ctx=ctx, log_function=log_request, **settings)
        self.ctx = ctx

    def get_handler_delegate(self, request, target_class, target_kwargs=None, path_args=None, path_kwargs=None):
        delegate = super().get_handler_delegate(request, target_class, target_kwargs, path_args, path_kwargs)
        if not issubclass(target_class, BaseHandler):
            return delegate
        limit = target_class.body_limit_for(self.ctx.cfg, request.method, path_kwargs or {})
        return BodyGuard(delegate, request.connection, limit)


class BodyGuard(httputil.HTTPMessageDelegate):
    def __init__(self, inner: httputil.HTTPMessageDelegate, connection, limit: int):
        self.inner = inner
        self.connection = connection
        self.limit = limit
        self.received = 0
        self.refused = False

    def headers_received(self, start_line, headers):
        declared = headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.limit:
            self.refuse()
            return None
        return self.inner.headers_received(start_line, headers)

    def data_received(self, chunk: bytes):
        if self.refused:
            return None
        self.received += len(chunk)
        if self.received > self.limit:
            self.refuse()
            return None
        return self.inner.data_received(chunk)

    def finish(self) -> None:
        if not self.refused:
            self.inner.finish()

    def on_connection_close(self) -> None:
        self.inner.on_connection_close()

    def refuse(self) -> None:
        """Answer now and close once the answer is out; what is still on its way is dropped."""
        self.refused = True
        body = to_json(envelope(303, f"body: 请求体过大,最大 {self.limit} 字节")).encode()
        headers = httputil.HTTPHeaders({
            "Content-Type": "application/json; charset=UTF-8", "Content-Length": str(len(body)),
            "Connection": "close", "Access-Control-Allow-Origin": "*", "X-Content-Type-Options": "nosniff"})
        # Let the connection read (and we drop) the rest instead of answering it a second time
        # with a bare 400; it closes as soon as our answer has been written.
        self.connection.set_max_body_size(2**62)
        self.connection.write_headers(httputil.ResponseStartLine("HTTP/1.1", 200, "OK"), headers, body)
        self.connection.finish()
