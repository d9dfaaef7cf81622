from tcpl.cli.entry import run

run()
