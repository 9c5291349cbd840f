from emprep.cli import main

main()
