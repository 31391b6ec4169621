from liaise.cli import main

main()
