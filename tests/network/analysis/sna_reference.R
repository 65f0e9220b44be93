# Reference values for tests/network/analysis/test_brokers.py, produced with R 4.2 and
# sna 2.7-1 (Debian bookworm r-cran-sna):  Rscript tests/network/analysis/sna_reference.R
# KNOKI: Knoke information network (Knoke & Kuklinski 1982; UCINET knokbur.dat), 49 arcs, density .544.
# flo: Padgett Florentine marriage network (R package network, data(flo)); wealth from Padgett (1994).
suppressMessages(library(sna))
data(flo, package="network")
print(rownames(flo)); print(sum(flo)/2)
knoki <- matrix(c(
0,1,0,0,1,0,1,0,1,0,
1,0,1,1,1,0,1,1,1,0,
0,1,0,1,1,1,1,0,0,1,
1,1,0,0,1,0,1,0,0,0,
1,1,1,1,0,0,1,1,1,1,
0,0,1,0,0,0,1,0,1,0,
0,1,0,1,1,0,0,0,0,0,
1,1,0,1,1,0,1,0,1,0,
0,1,0,0,1,0,1,0,0,0,
1,1,1,0,1,0,1,0,0,0), 10, byrow=TRUE)
nm <- c("COUN","COMM","EDUC","INDU","MAYR","WRO","NEWS","UWAY","WELF","WEST")
dimnames(knoki) <- list(nm, nm)
cat("knoki arcs", sum(knoki), "density", gden(knoki), "\n")
cl <- c("gov","biz","gov","biz","gov","vol","biz","vol","gov","vol")
print(brokerage(knoki, cl)$raw.nli)
wealth <- c(Acciaiuoli=10, Albizzi=36, Barbadori=55, Bischeri=44, Castellani=20, Ginori=32, Guadagni=8, Lamberteschi=42, Medici=103, Pazzi=48, Peruzzi=49, Pucci=3, Ridolfi=27, Salviati=10, Strozzi=146, Tornabuoni=48)
w <- wealth[rownames(flo)]
fcl <- ifelse(w < 30, "low", ifelse(w <= 50, "mid", "high"))
print(fcl)
print(brokerage(flo, fcl)$raw.nli)
