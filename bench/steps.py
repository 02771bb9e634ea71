"""The CPU time of every step the event loop runs (each callback, each step of a task), for the
benches: the proof that nothing slow runs on the loop is the longest step measured under load.

    meter = StepMeter().install()   # on the loop's thread: only its steps count
    ... load ...
    meter.read()   # {"steps", "over", "longest_ms", "what"} since the previous read, then reset

CPU time of the loop's thread (time.thread_time), so another process taking the core does not count.
"""

import asyncio
import gc
import threading
import time

SLOW_S = 0.005


def describe(handle) -> str:
    """The coroutine a task step belongs to (with the class of its self: which handler), else the
    callback's name."""
    callback = handle._callback
    task = getattr(callback, "__self__", None)
    if isinstance(task, asyncio.Task):
        coro = task.get_coro()
        frame = getattr(coro, "cr_frame", None)
        owner = frame.f_locals.get("self") if frame is not None else None
        if owner is not None:
            return f"{type(owner).__name__}.{coro.__name__}"
        return getattr(coro, "__qualname__", repr(coro))
    return getattr(callback, "__qualname__", repr(callback))


class StepMeter:
    def __init__(self, slow_s: float = SLOW_S, ignore=None):
        """ignore(what) -> True for steps that are not the server's (a bench's driver or fakes sharing its
        loop); asked of slow and longest steps only."""
        self.slow_s = slow_s
        self.ignore = ignore
        self._original = None
        self._reset()

    def _reset(self) -> None:
        self.steps = 0
        self.over = 0
        self.longest = 0.0
        self.what = ""
        self.gc_longest = 0.0
        self.gc_total = 0.0
        self.gc_collections = 0

    def _gc(self, phase: str, info: dict) -> None:
        """Collections happen inside steps: their pauses are reported apart."""
        if phase == "start":
            self._gc_started = time.thread_time()
            return
        spent = time.thread_time() - self._gc_started
        self.gc_total += spent
        self.gc_collections += 1
        self.gc_longest = max(self.gc_longest, spent)

    def install(self) -> "StepMeter":
        original = self._original = asyncio.events.Handle._run
        meter = self
        clock = time.thread_time
        loop_thread = threading.get_ident()

        def _run(handle):
            try:
                if threading.get_ident() != loop_thread:  # another loop (a fake service's thread)
                    original(handle)
                    return
                started = clock()
                original(handle)
                spent = clock() - started
                meter.steps += 1
                if spent <= meter.slow_s and spent <= meter.longest:
                    return
                what = describe(handle)
                if meter.ignore is not None and meter.ignore(what):
                    return
                if spent > meter.slow_s:
                    meter.over += 1
                if spent > meter.longest:
                    meter.longest = spent
                    meter.what = what
            finally:
                # As asyncio's own Handle._run does: a traceback that passes through this frame must not
                # keep the handle (and the socket behind it) alive in a reference cycle.
                handle = None

        asyncio.events.Handle._run = _run
        gc.callbacks.append(self._gc)
        return self

    def uninstall(self) -> None:
        if self._original is not None:
            asyncio.events.Handle._run = self._original
            self._original = None
            gc.callbacks.remove(self._gc)

    def read(self) -> dict:
        result = {"steps": self.steps, "over": self.over, "longest_ms": self.longest * 1000, "what": self.what,
                  "gc_longest_ms": self.gc_longest * 1000, "gc_total_ms": self.gc_total * 1000,
                  "gc_collections": self.gc_collections}
        self._reset()
        return result


def loop_report(lag, meter) -> str:
    """One line: the loop's largest lag (common.looplag.LoopLag) and longest step since the last report."""
    steps = meter.read()
    return (f"loop: max lag {lag.take_max() * 1000:.1f} ms; longest step {steps['longest_ms']:.1f} ms CPU "
            f"({steps['what']}), {steps['over']} of {steps['steps']} steps over {meter.slow_s * 1000:.0f} ms; "
            f"garbage collector: longest pause {steps['gc_longest_ms']:.1f} ms, {steps['gc_collections']} "
            f"collections, {steps['gc_total_ms']:.0f} ms in all")
