desk-passwords-differ = The two passwords are not the same: type the same password twice.
