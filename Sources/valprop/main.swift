import ValpropCommands

Valprop.main()
