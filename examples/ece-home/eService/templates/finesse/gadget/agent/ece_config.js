/*
 * ECE agent gadget configuration (copied from the ECE web server).
 * After the move to a load balancer, web_server_name must name the load balancer.
 */
var web_server_protocol = "https";
var web_server_name = "https://ece-web01.massivedynamic.com/system";	// TODO: load balancer
