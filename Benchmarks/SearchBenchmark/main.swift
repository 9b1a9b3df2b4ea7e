// Search benchmark: index build time and per-query latency, in-process.
print("search benchmark")
