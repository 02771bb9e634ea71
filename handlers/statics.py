"""Files: /static (our own, versioned) and /statics (uploads and generated images), served with
nosniff; /statics answers in plain text when missing or refused."""

from tornado.web import StaticFileHandler


class StaticHandler(StaticFileHandler):
    def set_default_headers(self):
        self.set_header("X-Content-Type-Options", "nosniff")


class StaticsHandler(StaticHandler):
    def write_error(self, status_code: int, **kwargs):
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.finish({403: "forbidden", 404: "not found", 405: "method not allowed"}.get(status_code, "error"))
