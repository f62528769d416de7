# The office settings screen: the office's name, this computer's documents folder and idle lock.
settings-folder-not-absolute = Write the whole path of the folder, from the drive or from / (e.g. /home/aigerim/Documents/Otau or D:\Otau).
settings-folder-unwritable = Documents cannot be saved in { $path }: { $detail }. Choose a folder you may write in.
settings-idle-range = Write a whole number of minutes from { $min } to { $max }.
