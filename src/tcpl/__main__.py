from tcpl.cli.main import run

run()
