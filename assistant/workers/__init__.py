"""The only bridge between Qt and blocking code: generators run on thread pools, yields become signals."""
