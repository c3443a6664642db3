"""The M/M/c queue of renosim's engine benchmark, in SimPy: the reference
renosim's events-per-second figure is compared with.

Same model as Sources/QueueingModels/MultiServerQueue.swift: Poisson
arrivals, exponential service, c servers, FIFO, a fixed number of
customers; each customer costs two events (arrival, departure). Prints one
line: simpy_engine events=E seconds=S events_per_s=R mean_wait=W
"""
import argparse
import random
import time

import simpy


def run(lam, mu, servers, customers, seed):
    rng = random.Random(seed)
    env = simpy.Environment()
    pool = simpy.Resource(env, capacity=servers)
    waits = []

    def customer(arrived):
        with pool.request() as req:
            yield req
            waits.append(env.now - arrived)
            yield env.timeout(rng.expovariate(mu))

    def source():
        for _ in range(customers):
            yield env.timeout(rng.expovariate(lam))
            env.process(customer(env.now))

    env.process(source())
    start = time.perf_counter()
    env.run()
    seconds = time.perf_counter() - start
    return seconds, sum(waits) / len(waits)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--lambda", dest="lam", type=float, default=2.7)
    p.add_argument("--mu", type=float, default=1.0)
    p.add_argument("--servers", type=int, default=3)
    p.add_argument("--customers", type=int, default=1_000_000)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    seconds, wait = run(a.lam, a.mu, a.servers, a.customers, a.seed)
    events = 2 * a.customers
    print(f"simpy_engine events={events} seconds={seconds:.4f} "
          f"events_per_s={int(events / seconds)} mean_wait={wait:.6f}")


if __name__ == "__main__":
    main()
