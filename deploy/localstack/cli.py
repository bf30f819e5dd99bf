"""``python -m deploy.localstack up|stop|status|logs [name]``: the stack for people."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import replace

from deploy.localstack import procs, services
from deploy.localstack.config import SERVICES, StackConfig
from deploy.localstack.demo_policy import demo_policy_environment
from deploy.localstack.errors import StackError
from deploy.localstack.stack import Stack


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.localstack", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("up", help="start Kafka, SecantusDB and the four services; load demo data")
    commands.add_parser("stop", help="stop the services, then Kafka, then SecantusDB")
    commands.add_parser("status", help="each process with its pid, port and health")
    logs = commands.add_parser(
        "logs", help="list the log files, or show one (kafka, mongo, intake, scoring-2…)"
    )
    logs.add_argument("name", nargs="?")
    logs.add_argument("-n", "--lines", type=int, default=50)
    logs.add_argument("-f", "--follow", action="store_true")
    args = parser.parse_args(argv)
    config = StackConfig.from_env()
    if args.command == "up":  # incentives assesses for the demo's county office
        demo_env = demo_policy_environment(config.root, os.environ)
        config = replace(config, service_env={**config.service_env, **demo_env})
    stack = Stack(config)
    try:
        if args.command == "up":
            return up(stack)
        if args.command == "stop":
            stack.stop_all()
            print(f"Stopped everything of {stack.config.root}.")
            return 0
        if args.command == "status":
            return status(stack)
        return show_logs(stack, args.name, args.lines, args.follow)
    except StackError as error:
        print(f"\nerror: {error}", file=sys.stderr)
        if args.command == "up":
            print("What did start keeps running: ./xinbao status, ./xinbao stop.", file=sys.stderr)
        return 1


def up(stack: Stack) -> int:
    cfg = stack.config
    if not cfg.python.exists():
        raise StackError(f"{cfg.python} is missing: run ./xinbao up, which creates the venv first.")
    began = time.monotonic()
    stack.start_infra()
    print(
        f"Kafka      {cfg.kafka_bootstrap}  and  SecantusDB {cfg.mongo_uri}  ready ({_took(stack)})"
    )
    _create_topics(stack)
    present = [name for name in SERVICES if services.module_exists(cfg, name)]
    for name in sorted(set(SERVICES) - set(present)):
        print(f"skip       {name}: services/{name}/__main__.py does not exist yet")
    started = stack.start_services(present)
    for service in started:
        print(f"{service.key:<12} {service.url}  healthy (pid {service.pid})")
    demo_ok = _run_demo(stack)
    print(f"\nUp in {time.monotonic() - began:.1f} s.")
    for service in started:
        url = service.url
        print(f"  {service.name:<10} {url}/docs   {url}/health   {url}/metrics")
    intake = next((service for service in started if service.name == "intake"), None)
    if intake is not None:
        print(f"\n  Web pages  {intake.url}/web/login   (log in; {intake.url}/ leads there too)\n")
    print(f"  data       {cfg.root}/kafka/data  {cfg.root}/mongo")
    print(f"  logs       {cfg.logs_dir}  (./xinbao logs NAME)")
    print("  stop       ./xinbao stop")
    return 0 if demo_ok else 1


def _took(stack: Stack) -> str:
    return ", ".join(f"{key} {value:.1f} s" for key, value in stack.timings.items() if value)


def _create_topics(stack: Stack) -> None:
    names = stack.create_system_topics()
    print(f"topics     {len(names)} with {stack.config.num_partitions} partitions each")


def _run_demo(stack: Stack) -> bool:
    cfg = stack.config
    demo = cfg.repo / "deploy" / "demo"
    if not (demo.with_suffix(".py").exists() or (demo / "__main__.py").exists()):
        print("skip       demo data: neither deploy/demo.py nor deploy/demo/__main__.py exists yet")
        return True
    env = dict(
        os.environ, XINBAO_KAFKA_BOOTSTRAP=cfg.kafka_bootstrap, XINBAO_MONGO_URI=cfg.mongo_uri
    )
    for service in stack.services():
        env.setdefault(f"XINBAO_{service.name.upper()}_URL", service.url)
    print("demo       python -m deploy.demo …")
    result = subprocess.run(
        [str(cfg.python), "-m", "deploy.demo"], cwd=cfg.repo, env=env, check=False
    )
    if result.returncode != 0:
        print(f"error: python -m deploy.demo exited with {result.returncode}", file=sys.stderr)
    return result.returncode == 0


def status(stack: Stack) -> int:
    report = stack.status()
    print(f"{'NAME':<14}{'PID':>8}{'PORT':>7}  {'STATE':<10}{'RSS':>9}  LOG")
    for name, info in report.items():
        state = "healthy" if info["healthy"] else ("starting?" if info["running"] else "down")
        rss = f"{info['rss_mib']:.0f} MiB" if info["rss_mib"] else "-"
        pid = info["pid"] or "-"
        print(f"{name:<14}{pid:>8}{info['port']:>7}  {state:<10}{rss:>9}  {info['log']}")
    return 0 if all(info["healthy"] for info in report.values()) else 3


def show_logs(stack: Stack, name: str | None, lines: int, follow: bool) -> int:
    logs_dir = stack.config.logs_dir
    if name is None:
        for path in sorted(logs_dir.glob("*.log")):
            print(f"{path.stem:<14}{path.stat().st_size:>12,} bytes  {path}")
        return 0
    path = logs_dir / f"{name}.log"
    if not path.exists() and (logs_dir / f"{name}-1.log").exists():
        path = logs_dir / f"{name}-1.log"
    if not path.exists():
        raise StackError(f"No log {path}; `logs` without a name lists them.")
    if follow:
        os.execvp("tail", ["tail", "-n", str(lines), "-f", str(path)])
    print(procs.tail(path, lines))
    return 0
