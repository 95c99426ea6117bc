// SPOG gadget configuration: the name the ECE web server was added to the PCCE inventory with.
var web_server_protocol = "http";
var web_server_name = "ece.massivedynamic.com";
