module github.com/scaiflow/scaiauth

go 1.25.0

require github.com/golang-jwt/jwt/v5 v5.3.1

require github.com/google/uuid v1.6.0
