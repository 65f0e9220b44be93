"""Streamlit as ``renkei serve`` runs it: the same command line, and no look-up beyond this machine.

Streamlit asks checkip.amazonaws.com for the machine's public address
(``streamlit.net_util.get_external_ip``) in two places:

* the "External URL" it prints when it listens on every address (``0.0.0.0``)
  in headless mode: ``renkei serve`` turns that message off
  (``logger.hideWelcomeMessage``) and prints its own link;
* its WebSocket origin check, for a page whose origin is not the server's own
  (a cross-site page, or a proxy that rewrites ``Host``): no option turns this
  one off.

So the look-up is replaced here, before Streamlit starts, by one that knows no
public address: a foreign origin is refused without asking anyone, and an
office server behind a firewall does not wait on a request that cannot leave.
``python -m renkei.streamlit_child run app.py …`` takes ``streamlit``'s arguments.

>>> from types import SimpleNamespace
>>> net_util = SimpleNamespace(get_external_ip=lambda: "203.0.113.7")
>>> offline(net_util).get_external_ip() is None
True
"""

from __future__ import annotations

from typing import Any

__all__ = ["offline", "main"]


def _no_external_ip() -> None:
    """Renkei never looks its public address up: there is none to tell."""
    return None


def offline(net_util: Any) -> Any:
    """``net_util`` with the public-address look-up replaced; ``RuntimeError`` when it has none to replace.

    A Streamlit that renamed the function fails here, loudly, rather than
    reaching the network by a new name unnoticed.
    """
    if not callable(getattr(net_util, "get_external_ip", None)):
        raise RuntimeError("this Streamlit has no net_util.get_external_ip: check renkei.streamlit_child")
    net_util.get_external_ip = _no_external_ip
    return net_util


def main() -> None:
    """Run Streamlit's command line (``sys.argv``) with the look-up replaced."""
    import streamlit.net_util
    from streamlit.web.cli import main as streamlit_main

    offline(streamlit.net_util)
    streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    main()
