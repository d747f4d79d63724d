-- The ledger database shared by the services (one schema each) and the target of profile "local".
CREATE DATABASE jsonmig;
CREATE DATABASE jsonmig_local;
